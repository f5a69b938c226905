-- A batch records the measured pH of its product (hundredths: 420 = pH 4.20), and the probe or
-- recorder that measured its process with its calibration; NULL for the batches recorded
-- before. A water-bath batch at pH 4.5 or above is not conforming; a probe past its
-- calibration's due date flags the batch.
ALTER TABLE batches ADD COLUMN product_ph_hundredths INTEGER
    CHECK (product_ph_hundredths BETWEEN 200 AND 800);
ALTER TABLE batches ADD COLUMN probe_name TEXT;
ALTER TABLE batches ADD COLUMN probe_calibrated_on TEXT;
ALTER TABLE batches ADD COLUMN probe_calibration_due TEXT;

-- What became of a non-conforming batch's jars: destroyed, or reprocessed as another batch.
-- One record per batch, never changed (a batch is a record).
CREATE TABLE batch_dispositions (
    batch_id        INTEGER PRIMARY KEY REFERENCES batches (id),
    kind            TEXT NOT NULL CHECK (kind IN ('destroyed', 'reprocessed')),
    reprocessed_as  INTEGER REFERENCES batches (id),
    note            TEXT NOT NULL DEFAULT '',
    recorded_by     INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at     TEXT NOT NULL,
    CHECK ((kind = 'reprocessed') = (reprocessed_as IS NOT NULL))
);
CREATE TRIGGER batch_dispositions_are_never_edited BEFORE UPDATE ON batch_dispositions
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
CREATE TRIGGER batch_dispositions_are_never_deleted BEFORE DELETE ON batch_dispositions
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
