-- v_vergelijking_maand: median and mean of the monthly instroom and uitstroom percentages of each comparison group, for analysts.
-- Grain: groep × maand (size classes and named groups; months in which the group has members with data).
-- Source: v_vergelijking_lid_maand (bron benchmark, PW + IOAW + IOAZ + BBZ summed per gemeente × maand).
-- As contract.md defines group statistics: only members that delivered data that
-- month count; `n` counts them; the median is the middle value (the mean of the two
-- middle values for an even n); the mean is unweighted (each gemeente counts once).
-- The median comes from row_number() and count() over the group's month, because
-- SQLite has no median().
CREATE VIEW v_vergelijking_maand AS
WITH gerangschikt AS (
    SELECT l.*,
           count(*) OVER groep_maand AS n,
           row_number() OVER (groep_maand ORDER BY l.instroom_pct) AS rang_instroom,
           row_number() OVER (groep_maand ORDER BY l.uitstroom_pct) AS rang_uitstroom
    FROM v_vergelijking_lid_maand l
    WINDOW groep_maand AS (PARTITION BY l.groepsoort, l.groep, l.maand)
)
SELECT groep,                                         -- size class (tot 50.000, 50.000 tot 100.000, 100.000 en meer) or the name of a group from `ingest groepen`
       maand,                                         -- YYYY-MM
       n,                                             -- members with a percentage that month (count)
       avg(CASE WHEN rang_instroom IN ((n + 1) / 2, (n + 2) / 2) THEN instroom_pct END) AS instroom_pct_mediaan, -- median of the members' instroom percentages (percent per month)
       avg(instroom_pct) AS instroom_pct_gemiddelde,  -- unweighted mean of the members' instroom percentages (percent per month)
       avg(CASE WHEN rang_uitstroom IN ((n + 1) / 2, (n + 2) / 2) THEN uitstroom_pct END) AS uitstroom_pct_mediaan, -- median of the members' uitstroom percentages (percent per month)
       avg(uitstroom_pct) AS uitstroom_pct_gemiddelde, -- unweighted mean of the members' uitstroom percentages (percent per month)
       groepsoort,                                    -- grootteklasse or groep
       sum(stand_begin) AS stand_begin,               -- the members' benefits running at the start of the month (count)
       sum(instroom) AS instroom,                     -- the members' instroom (count)
       sum(uitstroom) AS uitstroom                    -- the members' uitstroom (count)
FROM gerangschikt
GROUP BY groepsoort, groep, maand;
