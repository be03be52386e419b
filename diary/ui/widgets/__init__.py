"""Small shared pieces: the dialog seam every question goes through (`dialogs`, which tests
answer), date fields (`dates`) and the view that is built when first shown (`lazy_view`)."""
