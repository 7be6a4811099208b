"""The 9-box of performance × potential, talent pool and succession."""
