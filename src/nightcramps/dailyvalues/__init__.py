"""Day-level values (one number per day and factor) with their source, and the daily-summary CSV."""
