"""MT1xx: names spelled the way the source language transcribes them, or spelled two ways."""
