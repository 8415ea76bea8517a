"""The demo splog farm: fictional Blogger, WordPress and plain splogs served on loopback."""
