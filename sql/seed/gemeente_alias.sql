-- Built-in aliases: names extracts use that are not CBS's official name.
-- Applied after the built-in gemeenten are loaded; a user adds more with `--mapping`.
INSERT OR IGNORE INTO dim_gemeente_alias (alias_sleutel, gemeente_id, alias) VALUES
    ('den haag', 518, 'Den Haag'),
    ('gemeente den haag', 518, 'Gemeente Den Haag'),
    ('gravenhage', 518, 'Gravenhage'),
    ('den bosch', 796, 'Den Bosch'),
    ('hertogenbosch', 796, 'Hertogenbosch'),
    ('bergen nh', 373, 'Bergen NH'),
    ('bergen noord holland', 373, 'Bergen (Noord-Holland)'),
    ('bergen l', 893, 'Bergen L'),
    ('bergen limburg', 893, 'Bergen (Limburg)');
