"""Backup of a whole diary, restore into an empty one, and deleting everything."""
