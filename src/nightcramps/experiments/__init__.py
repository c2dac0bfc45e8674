"""Personal experiments (n-of-1 trials): does a remedy help *this* person? (issue #16, memo 1)."""
