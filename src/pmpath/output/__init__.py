"""Results made readable: JSON for scripts, Rich for people, exports for other
tools, and the terminal boundary where untrusted text is made inert."""
