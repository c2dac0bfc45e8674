"""Personal insights: which factors precede a person's cramps, and tonight's risk."""
