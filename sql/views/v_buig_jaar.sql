-- v_buig_jaar: BUIG budget against realised netto lasten per year, for analysts.
-- Grain: gemeente × jaar (years with a budget).
-- Source: fact_buig_budget (the newest version: definitief over nader voorlopig
-- over voorlopig) and fact_buig_lasten_maand (netto lasten = lasten − baten,
-- all regelingen, the months delivered so far). Money in euro (with cents);
-- the *_cent columns hold the exact integer cents.
CREATE VIEW v_buig_jaar AS
WITH nieuwste AS (
    SELECT b.*, row_number() OVER (PARTITION BY gemeente_id, jaar ORDER BY versie_rang DESC) AS volgorde
    FROM fact_buig_budget b
),
lasten AS (
    SELECT l.gemeente_id, m.jaar,
           sum(l.lasten_cent - l.baten_cent) AS netto_cent,
           count(DISTINCT l.maand_id) AS maanden
    FROM fact_buig_lasten_maand l JOIN dim_maand m ON m.maand_id = l.maand_id
    GROUP BY l.gemeente_id, m.jaar
)
SELECT g.gemeentecode,                                                -- GM0000
       n.jaar,                                                        -- budget year
       n.bedrag_cent / 100.0 AS budget,                               -- budget of the newest version (euro)
       n.versie AS budgetversie,                                      -- voorlopig, nader voorlopig or definitief
       l.netto_cent / 100.0 AS netto_lasten,                          -- lasten − baten over the months delivered (euro); NULL = no costs loaded
       (n.bedrag_cent - l.netto_cent) / 100.0 AS saldo,               -- budget − netto lasten (euro): positive overschot, negative tekort
       round((n.bedrag_cent - l.netto_cent) * 100.0 / n.bedrag_cent, 1) AS saldo_pct, -- saldo as % of the budget
       coalesce(l.maanden, 0) AS maanden_lasten,                      -- months of costs delivered for the year (12 = complete)
       n.bedrag_cent AS budget_cent,                                  -- budget (euro cents)
       l.netto_cent AS netto_lasten_cent,                             -- netto lasten (euro cents)
       n.bedrag_cent - l.netto_cent AS saldo_cent,                    -- saldo (euro cents)
       n.batch_id AS batch                                            -- the load the budget came from
FROM nieuwste n
JOIN dim_gemeente g ON g.gemeente_id = n.gemeente_id
LEFT JOIN lasten l ON l.gemeente_id = n.gemeente_id AND l.jaar = n.jaar
WHERE n.volgorde = 1;
