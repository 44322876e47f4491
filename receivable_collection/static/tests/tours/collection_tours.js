import { registry } from "@web/core/registry";

// From "Not paid - consider collection", one click hands the invoice over; the case shows its letters.
registry.category("web_tour.tours").add("receivable_collection_transfer", {
    url: "/odoo/action-receivable_dunning.action_dunning_consider_collection",
    steps: () => [
        { content: "The unpaid invoice waits for collection", trigger: ".o_data_row td[name='partner_id']:contains(Tour Kunde)" },
        { content: "Transfer it", trigger: ".o_data_row button[name='action_collection_transfer']", run: "click" },
        { content: "The default agency is proposed", trigger: ".modal div[name='agency_id'] input:value(Inkassopartner AS)" },
        { content: "Confirm", trigger: ".modal button[name='action_transfer']", run: "click" },
        { content: "The case is not started yet", trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Not started)" },
        { content: "It claims the principal", trigger: ".o_form_view div[name='amount_principal']:contains(5,000.00)" },
        { content: "See the documents", trigger: ".o_notebook a:contains(Documents)", run: "click" },
        { content: "Letters to download", trigger: ".o_field_many2many_binary .o_attachment[title^='DUN']" },
        { content: "Open the customers menu", trigger: ".o_menu_sections button:contains(Customers)", run: "click" },
        { content: "Open the collection cases", trigger: ".dropdown-item:contains(Collection cases)", run: "click" },
        { content: "Grouped by status", trigger: ".o_group_header:contains(Not started)" },
    ],
});
