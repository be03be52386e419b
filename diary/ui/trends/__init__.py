"""Trends: the range chosen (`ranges`), the data read in the background (`loader`), the chart
shown (`chart`, the one place the window holds a matplotlib canvas); `view` lays them out."""
