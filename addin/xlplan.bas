Attribute VB_Name = "xlplan"
' xlplan for classic desktop xlwings (Windows or macOS Excel with Python installed).
' Import this module into the plan workbook (or a personal add-in) with the xlwings
' VBA module (xlwings addin install), then attach the macros to buttons or the
' Quick Access Toolbar. Both run the same code as the Office add-in and the CLI.

Option Explicit

' Validera: marks cells with findings, writes the sheet "Granskning", shows a summary.
Sub Validera()
    RunPython "import xlwings as xw, xlplan.excel as x; x.validate(xw.Book.caller())"
End Sub

' Uppdatera analys: recounts problems, causes and measures in "Analysflik".
Sub UppdateraAnalys()
    RunPython "import xlwings as xw, xlplan.excel as x; x.update_analysis(xw.Book.caller())"
End Sub
