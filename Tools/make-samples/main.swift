print("make-samples")
