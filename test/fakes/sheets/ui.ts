/** The Ui service: the add-on menu, sidebars, dialogs and alerts; HtmlService's outputs. */
import type { HtmlOutput, Menu, Ui } from "../../../sheets-addon/gas";
import type { CallLog } from "./log";

export class FakeMenu implements Menu {
  items: [string, string][] = [];
  added = false;
  constructor(private readonly ui: FakeUi) {}
  addItem(caption: string, functionName: string): Menu {
    this.ui.log.record("local", "Menu.addItem");
    this.items.push([caption, functionName]);
    return this;
  }
  addSeparator(): Menu {
    this.ui.log.record("local", "Menu.addSeparator");
    this.items.push(["---", ""]);
    return this;
  }
  addToUi(): void {
    this.ui.log.record("sync", "Menu.addToUi");
    this.added = true;
    this.ui.menus.push(this);
  }
}

export class FakeHtmlOutput implements HtmlOutput {
  title = "";
  width = 0;
  height = 0;
  constructor(readonly content: string) {}
  setTitle(title: string): HtmlOutput {
    this.title = title;
    return this;
  }
  setWidth(width: number): HtmlOutput {
    this.width = width;
    return this;
  }
  setHeight(height: number): HtmlOutput {
    this.height = height;
    return this;
  }
  getContent(): string {
    return this.content;
  }
}

export class FakeUi implements Ui {
  menus: FakeMenu[] = [];
  sidebars: FakeHtmlOutput[] = [];
  dialogs: { html: FakeHtmlOutput; title: string }[] = [];
  alerts: string[] = [];
  constructor(readonly log: CallLog) {}
  createAddonMenu(): Menu {
    this.log.record("local", "Ui.createAddonMenu");
    return new FakeMenu(this);
  }
  showSidebar(userInterface: HtmlOutput): void {
    this.log.record("sync", "Ui.showSidebar");
    this.sidebars.push(userInterface as FakeHtmlOutput);
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.log.record("sync", "Ui.showModalDialog");
    this.dialogs.push({ html: userInterface as FakeHtmlOutput, title });
  }
  alert(prompt: string): unknown {
    this.log.record("sync", "Ui.alert");
    this.alerts.push(prompt);
    return "OK";
  }
}
