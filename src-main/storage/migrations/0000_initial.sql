CREATE TABLE `bar_chunks` (
	`instrument_id` integer NOT NULL,
	`timeframe` text NOT NULL,
	`chunk_start` integer NOT NULL,
	`count` integer NOT NULL,
	`first_time` integer NOT NULL,
	`last_time` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`instrument_id`, `timeframe`, `chunk_start`),
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bar_series` (
	`instrument_id` integer NOT NULL,
	`timeframe` text NOT NULL,
	`count` integer NOT NULL,
	`first_time` integer,
	`last_time` integer,
	PRIMARY KEY(`instrument_id`, `timeframe`),
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text,
	`instrument_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`file_sha256` text NOT NULL,
	`options` text NOT NULL,
	`timeframe` text NOT NULL,
	`inserted` integer NOT NULL,
	`updated` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`rejected` integer NOT NULL,
	`imported_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `instruments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`symbol` text NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`asset_class` text NOT NULL,
	`currency` text NOT NULL,
	`tick_size` real NOT NULL,
	`lot_size` real NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instruments_identity` ON `instruments` (`source`,`venue`,`symbol`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`state` text NOT NULL,
	`progress` text,
	`input` text,
	`result` text,
	`error` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `jobs_created` ON `jobs` (`created_at`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
