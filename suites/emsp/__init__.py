"""Cases for a target whose role is eMSP: the interfaces an eMSP implements."""
