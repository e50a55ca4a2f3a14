-- CreateIndex
CREATE INDEX "Item_ip_idx" ON "Item" USING GIST ("ip" inet_ops);
