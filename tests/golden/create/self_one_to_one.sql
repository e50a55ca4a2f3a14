-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "nextId" INTEGER,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Item_nextId_key" ON "Item"("nextId");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_nextId_fkey" FOREIGN KEY ("nextId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;
