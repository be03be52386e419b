"""Small shared pieces: the dialog seam every question goes through (`dialogs`, which tests
answer), date fields (`dates`), a form's error line (`form_errors`), the view that is built when
first shown (`lazy_view`), the wrapping layout and the column of panels (`flow`), the sizes of
large, steady targets (`targets`) and a medication's pill drawn for Qt (`pill`)."""
