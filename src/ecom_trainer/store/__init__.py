"""Storage: SQLite with durable settings, numbered migrations and small repository functions.

Widgets call these functions; they never run SQL themselves.
"""
