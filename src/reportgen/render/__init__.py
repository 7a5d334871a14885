"""Renderers below the writers: chart pictures, text measuring, LibreOffice to PDF."""
