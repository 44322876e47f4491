{
    "name": "Receivables: Debt Collection",
    "summary": "Hand unpaid claims over to collection agencies and follow their cases",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Receivables Suite Contributors",
    "website": "https://github.com/receivables-suite/receivables",
    "depends": ["receivable_dunning"],
    "external_dependencies": {"python": ["xmltodict", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/security.xml",
        "data/ir_sequence.xml",
        "data/ir_cron.xml",
        "views/collection_case_views.xml",
        "views/collection_agency_views.xml",
        "views/collection_exchange_views.xml",
        "wizard/collection_transfer_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "receivable_collection/static/tests/tours/**/*",
        ],
    },
    "demo": [
        "demo/demo_data.xml",
    ],
    "installable": True,
}
