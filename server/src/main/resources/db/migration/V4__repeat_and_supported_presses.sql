-- A press the kiosk's repeated-press rule flagged (kept, never dropped: staff filter on it), and
-- one the person said they made with someone's support (anonymous).
ALTER TABLE feedback ADD COLUMN is_repeat BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE feedback ADD COLUMN supported BOOLEAN DEFAULT FALSE NOT NULL;
