"""People, profiles, sign-in, sessions and personal access tokens."""
