print("virtsim")
