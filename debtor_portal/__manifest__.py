{
    "name": "Receivables: Debtor Portal",
    "summary": "Debtors see what they owe and why, object, download copies and pay online",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Receivables Suite Contributors",
    "website": "https://github.com/receivables-suite/receivables",
    "depends": ["receivable_dunning", "portal", "account_payment"],
    "data": [
        "security/ir.model.access.csv",
        "security/security.xml",
        "views/account_move_views.xml",
        "views/payment_plan_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/demo_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "debtor_portal/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
