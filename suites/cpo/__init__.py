"""Cases for a target whose role is CPO: the interfaces a CPO implements."""
