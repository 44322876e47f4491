{
    "name": "Receivables: Debt Collection",
    "summary": "Hand unpaid claims over to collection agencies and follow their cases",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Receivables Suite Contributors",
    "website": "https://github.com/receivables-suite/receivables",
    "depends": ["receivable_dunning"],
    "data": [],
    "installable": True,
}
