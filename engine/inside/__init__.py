"""Inside the network: the layer tree, intermediate activations and filter patterns."""
