-- 004_followup_indexes.sql: schema version 4.  Indexes for SHIS's monthly
-- report and the follow-up report, so that neither reads a whole table:
-- the reconciliation looks SHIS's placements up by the Bostadsförmedlingen
-- offer behind them, the follow-up finds arrangements by the day they
-- ended, and the returns find a household's earlier move-outs.

CREATE INDEX shis_placering_bf ON shis_placering(bf_arendenummer)
    WHERE bf_arendenummer IS NOT NULL;
CREATE INDEX bf_formedling_avslut ON bf_formedling(avslutsdatum)
    WHERE avslutsdatum IS NOT NULL;
CREATE INDEX shis_placering_utflyttning ON shis_placering(utflyttningsdatum)
    WHERE utflyttningsdatum IS NOT NULL;
