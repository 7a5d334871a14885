"""The data annex workbook (NAME-data.xlsx), written from the sheets report/annex.py builds."""
