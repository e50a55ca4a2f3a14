-- RenameIndex
ALTER INDEX "Item_email_key" RENAME TO "item_email_key";
