print("dutycheck: not built yet")
