-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "alpha";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "zeta";

-- CreateEnum
CREATE TYPE "zeta"."Mood" AS ENUM ('HAPPY', 'SAD');

-- CreateEnum
CREATE TYPE "Kind" AS ENUM ('K');

-- CreateTable
CREATE TABLE "alpha"."User" (
    "id" SERIAL NOT NULL,
    "mood" "zeta"."Mood" NOT NULL DEFAULT 'HAPPY',
    "moods" "zeta"."Mood"[] DEFAULT ARRAY['SAD']::"zeta"."Mood"[],
    "kind" "Kind",

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zeta"."Post" (
    "id" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_TagToUser" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_TagToUser_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_mood_id_key" ON "alpha"."User"("mood", "id");

-- CreateIndex
CREATE INDEX "Post_userId_idx" ON "zeta"."Post" USING HASH ("userId");

-- CreateIndex
CREATE INDEX "_TagToUser_B_index" ON "_TagToUser"("B");

-- AddForeignKey
ALTER TABLE "zeta"."Post" ADD CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "alpha"."User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_TagToUser" ADD CONSTRAINT "_TagToUser_A_fkey" FOREIGN KEY ("A") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_TagToUser" ADD CONSTRAINT "_TagToUser_B_fkey" FOREIGN KEY ("B") REFERENCES "alpha"."User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
