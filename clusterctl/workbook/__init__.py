"""The standard application workbook: its fields, the template writer and the reader."""
