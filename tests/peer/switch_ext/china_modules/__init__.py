"""SWITCH-China's custom modules as the live peer tests need them (see tech_plans)."""
