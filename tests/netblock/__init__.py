"""The tests' network block (see _diary_netblock.py).

This folder is also put at the front of PYTHONPATH for every process a test starts, so that its
sitecustomize.py installs the same block in child Python processes.
"""
