-- Housekeeping deletes challenges some time after they expired.
create index otp_challenge_by_expiry on otp_challenge (expires_at);
