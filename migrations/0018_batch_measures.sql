-- A batch records the measured pH of its product (hundredths: 420 = pH 4.20), and the probe or
-- recorder that measured its process with its calibration; NULL for the batches recorded
-- before. A water-bath batch at pH 4.5 or above is not conforming; a probe past its
-- calibration's due date flags the batch.
ALTER TABLE batches ADD COLUMN product_ph_hundredths INTEGER
    CHECK (product_ph_hundredths BETWEEN 200 AND 800);
ALTER TABLE batches ADD COLUMN probe_name TEXT;
ALTER TABLE batches ADD COLUMN probe_calibrated_on TEXT;
ALTER TABLE batches ADD COLUMN probe_calibration_due TEXT;
