(module (memory 10))
