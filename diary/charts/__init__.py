"""Chart builders: matplotlib Figure API only (never pyplot, never Qt), imported only when a chart
or a report is first made."""
