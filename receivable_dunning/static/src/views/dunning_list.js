import { onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";

/**
 * The dunning work lists: the standard list, plus when the dunning run last ran
 * (the "Run now" button itself is a header button of the list arch).
 */
export class DunningListController extends ListController {
    static template = "receivable_dunning.DunningListView";

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.dunningRun = useState({ label: "" });
        onWillStart(() => this.loadLastRun());
    }

    async loadLastRun() {
        this.dunningRun.label = await this.orm.call("receivable.dunning.run", "get_last_run_label", []);
    }
}

registry.category("views").add("dunning_list", {
    ...listView,
    Controller: DunningListController,
});
