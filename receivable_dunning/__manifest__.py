{
    "name": "Receivables: Dunning",
    "summary": "Payment reminders, legal fees and interest, collection notices and interest notes",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Receivables Suite Contributors",
    "website": "https://github.com/receivables-suite/receivables",
    "depends": ["account", "mail", "sms"],
    "external_dependencies": {"python": ["num2words"]},
    "data": [],
    "demo": [
        "demo/demo_data.xml",
    ],
    "installable": True,
    "application": False,
}
