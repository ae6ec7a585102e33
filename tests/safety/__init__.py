"""Hostile and broken inputs: each test proves one safety property (see README, "What the
tool trusts")."""
