import { registry } from "@web/core/registry";

// The accountant's day: open "Ready to send", run, open the letter, send it.
registry.category("web_tour.tours").add("receivable_dunning_work_lists", {
    url: "/odoo/action-receivable_dunning.action_dunning_ready",
    steps: () => [
        { content: "The list shows when the run last ran", trigger: ".o_dunning_last_run:contains(never)" },
        { content: "The overdue invoice is ready", trigger: ".o_data_row td[name='partner_id']:contains(Tour Kunde)" },
        { content: "Its customer is a person (P badge)", trigger: ".o_data_row button[name='action_dunning_toggle_customer_type']:contains(P)" },
        { content: "Run now", trigger: "button[name='action_dunning_run_now']", run: "click" },
        { content: "One letter prepared", trigger: ".o_notification:contains(1 letter(s) prepared)" },
        { content: "Last run is now set", trigger: ".o_dunning_last_run:not(:contains(never))" },
        { content: "Open the customers menu", trigger: ".o_menu_sections button:contains(Customers)", run: "click" },
        { content: "Open the letters", trigger: ".dropdown-item:contains(Letters)", run: "click" },
        { content: "Open the letter", trigger: ".o_data_row td[name='partner_id']:contains(Tour Kunde)", run: "click" },
        { content: "It claims the NOK 35 fee", trigger: ".o_form_view div[name='fee_total']:contains(35.00)" },
        { content: "Send it now", trigger: ".o_form_view .o_statusbar_buttons button[name='action_send']:enabled", run: "click" },
        { content: "Sent", trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Sent)" },
    ],
});

// Customers missing an address: fix it in place and the customer leaves the list.
registry.category("web_tour.tours").add("receivable_dunning_missing_address", {
    url: "/odoo/action-receivable_dunning.action_dunning_missing_address",
    steps: () => [
        { content: "The customer without address is listed", trigger: ".o_data_row td[name='name']:contains(Uten Adresse)" },
        { content: "Edit its street", trigger: ".o_data_row td[name='street']", run: "click" },
        { trigger: ".o_data_row td[name='street'] input", run: "edit Kirkegata 2" },
        { trigger: ".o_data_row td[name='zip'] input", run: "edit 0153" },
        { trigger: ".o_data_row td[name='city'] input", run: "edit Oslo" },
        { content: "Save", trigger: ".o_list_button_save", run: "click" },
        { trigger: ".o_list_button_add, .o_list_renderer:not(:has(.o_selected_row))" },
    ],
});

// The administrator finds the dunning settings in the Invoicing settings.
registry.category("web_tour.tours").add("receivable_dunning_settings", {
    url: "/odoo/action-account.action_account_config",
    steps: () => [
        { content: "The dunning block is there", trigger: ".o_settings_container #dunning_progression" },
        { content: "Switch to automatic progression", trigger: "div[name='dunning_progression'] input[data-value='automatic']", run: "click" },
        { content: "The first dispatch choice appears", trigger: "div[name='dunning_first_dispatch']" },
        // Saving the settings reloads the page.
        { content: "Save", trigger: ".o_control_panel .o_form_button_save", run: "click", expectUnloadPage: true },
        { content: "The first automatic dispatch is now set", trigger: "div[name='dunning_dispatch_from']:not(:empty)" },
    ],
});
