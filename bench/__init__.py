"""The benchmark (`python -m bench.run`) and the soak test (`python -m bench.soak`)."""
