-- An archive whose object a verify, or a restore's check, found damaged or another archive's is
-- marked status 'damaged' (beside 'valid' and 'purged'), and why is kept here; restores refuse it
-- until a verify succeeds again, which sets it back to 'valid' and clears this.
ALTER TABLE archives ADD COLUMN damage TEXT;
