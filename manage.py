#!/usr/bin/env python
"""Kept for tools that expect manage.py; `dangvu` is the same command."""

from dangvu.cli import main

if __name__ == "__main__":
    main()
