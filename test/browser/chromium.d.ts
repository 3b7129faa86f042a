import { type Page } from 'playwright-core';
export declare const CHROMIUM: string;
export declare const chromiumAvailable: boolean;
export declare function bundleSuite(): Promise<void>;
export interface ChromiumPage {
    page: Page;
    close(): Promise<void>;
}
export declare function openSuitePage(): Promise<ChromiumPage>;
