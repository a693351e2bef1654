"""Reading, writing and slicing SWITCH inputs folders."""
