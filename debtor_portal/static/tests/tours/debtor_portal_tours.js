import { registry } from "@web/core/registry";

// The debtor's visit: the balances, an objection to the 1,000.00 invoice, then the 250.00 invoice paid online.
registry.category("web_tour.tours").add("debtor_portal_object_and_pay", {
    url: "/my/reminders",
    steps: () => [
        {
            content: "The disputed invoice and its balance are listed",
            trigger: "tr.o_debtor_invoice_row:contains(1,000.00) .o_debtor_balance",
        },
        {
            content: "So is the invoice to pay",
            trigger: "tr.o_debtor_invoice_row:contains(250.00) .o_debtor_balance",
        },
        {
            content: "Open the disputed invoice",
            trigger: "tr.o_debtor_invoice_row:contains(1,000.00) a:contains(Details)",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "Choose a reason", trigger: "select[name=reason]", run: "select wrong_amount" },
        { content: "Explain", trigger: "textarea[name=message]", run: "edit Charged twice for the same work" },
        { content: "Send the objection", trigger: "button.o_debtor_object", run: "click", expectUnloadPage: true },
        { content: "The objection is received", trigger: ".o_debtor_objected" },
        { content: "Reminders are paused", trigger: ".o_debtor_on_hold" },
        {
            content: "The objection is in the invoice's chatter",
            trigger: "#chatterRoot:shadow .o-mail-Message-body:contains(Charged twice for the same work)",
        },
        {
            content: "Back to the overview",
            trigger: ".breadcrumb a:contains(Payment reminders)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Pay the other invoice",
            trigger: "tr.o_debtor_invoice_row:contains(250.00) a.btn-primary:contains(Pay)",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "The amount to pay", trigger: ".o_debtor_pay_total:contains(250.00)" },
        { content: "Card number (test data)", trigger: "input[name=customer_input]", run: "edit 4242424242424242" },
        {
            content: "Pay with the demo provider",
            trigger: "button[name=o_payment_submit_button]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the overview, the payment is confirmed",
            trigger: ".o_debtor_reminders .alert-success:contains(your payment has been received)",
        },
    ],
});
