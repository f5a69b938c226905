-- A batch records the measured pH of its product (hundredths: 420 = pH 4.20); NULL for the
-- batches recorded before. A water-bath batch at pH 4.5 or above is not conforming.
ALTER TABLE batches ADD COLUMN product_ph_hundredths INTEGER
    CHECK (product_ph_hundredths BETWEEN 200 AND 800);
